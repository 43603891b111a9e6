// Harbor's name and tag filters, as TCR's Harbor core applies them: the `doublestar` glob dialect
// (v1.3.4), anchored, `/` as separator; or `regex:<expression>` (unanchored search). One module,
// shared by the sandbox's replication engine and the app's rule checks, so both agree.

/** A pattern the user (or a stored rule) gave that cannot be matched; `message` says where. */
export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    readonly reason: PatternErrorReason,
    /** 0-based index into the pattern of the offending character. */
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

export type PatternErrorReason =
  | 'unclosed-class'
  | 'empty-class'
  | 'bad-range'
  | 'trailing-escape'
  | 'unclosed-brace'
  | 'unopened-brace'
  | 'too-many-alternatives'
  | 'bad-regex';

const REGEX_PREFIX = 'regex:';
/** `{a,b}{c,d}…` multiplies; past this the pattern is refused rather than matched slowly. */
const MAX_ALTERNATIVES = 1024;

type Component = { kind: 'globstar' } | { kind: 'glob'; re: RegExp };

interface Compiled {
  /** Any alternative (brace expansion) matching means the pattern matches. */
  match(value: string): boolean;
}

const compiled = new Map<string, Compiled>();
const CACHE_LIMIT = 500;

/** Does `value` match `pattern`? An empty pattern matches everything. Throws PatternError. */
export function matchPattern(pattern: string, value: string): boolean {
  if (pattern === '') return true;
  return compile(pattern).match(value);
}

/** The error a pattern would raise, or null when it is well formed. */
export function checkPattern(pattern: string): PatternError | null {
  try {
    if (pattern !== '') compile(pattern);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
}

export function isRegexPattern(pattern: string): boolean {
  return pattern.startsWith(REGEX_PREFIX);
}

export type PatternWarning =
  /** `.*`, `.+`, `^…`, `…$`, `\d`: a regular expression typed where a glob is read. */
  | 'looks-like-regex'
  /** `**` inside a component (`abc**`) is just `*`: it does not cross `/`. */
  | 'globstar-in-component'
  /** A name filter without `/` can only match a repository of that name in no namespace. */
  | 'name-without-namespace';

/** Well-formed patterns that are very likely not what the user meant. */
export function patternWarnings(pattern: string, field: 'name' | 'tag'): PatternWarning[] {
  if (pattern === '' || isRegexPattern(pattern)) return [];
  const warnings: PatternWarning[] = [];
  if (/\.\*|\.\+|^\^|[^\\]\$$|\\[dws]/.test(pattern)) warnings.push('looks-like-regex');
  if (/[^/{,]\*\*|\*\*[^/},]/.test(pattern)) warnings.push('globstar-in-component');
  if (field === 'name' && !pattern.includes('/') && !pattern.includes('**') && !pattern.includes('{')) {
    warnings.push('name-without-namespace');
  }
  return warnings;
}

function compile(pattern: string): Compiled {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const result = isRegexPattern(pattern) ? compileRegex(pattern) : compileGlob(pattern);
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

function compileRegex(pattern: string): Compiled {
  const source = pattern.slice(REGEX_PREFIX.length);
  // RE2 (Go) has no look-around and no back-references; refuse what the server would refuse.
  const unsupported = /\(\?[=!<]|\\[1-9]/.exec(source);
  if (unsupported) {
    throw new PatternError(
      'bad-regex',
      REGEX_PREFIX.length + unsupported.index,
      `“${unsupported[0]}” is not supported in a regex: pattern (RE2 has no look-around or back-references)`,
    );
  }
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch (error) {
    throw new PatternError('bad-regex', REGEX_PREFIX.length, `Not a valid regular expression: ${String(error)}`);
  }
  return { match: (value) => re.test(value) };
}

function compileGlob(pattern: string): Compiled {
  validateGlob(pattern);
  const alternatives = expandBraces(pattern).map((alt) => alt.split('/').map(compileComponent));
  if (alternatives.length > MAX_ALTERNATIVES) {
    throw new PatternError(
      'too-many-alternatives',
      0,
      `The pattern expands to more than ${MAX_ALTERNATIVES} alternatives`,
    );
  }
  return { match: (value) => matchAny(alternatives, value.split('/')) };
}

/** One pass over the user's pattern, so an error names the position they typed. */
function validateGlob(pattern: string): void {
  const opened: number[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (i === pattern.length - 1) {
        throw new PatternError('trailing-escape', i, 'The pattern ends with a lone “\\”');
      }
      i += 1;
    } else if (ch === '[') {
      i = classEnd(pattern, i);
    } else if (ch === '{') {
      opened.push(i);
    } else if (ch === '}') {
      if (opened.pop() === undefined) {
        throw new PatternError('unopened-brace', i, `“}” at position ${i + 1} has no “{”`);
      }
    }
  }
  const unclosed = opened.pop();
  if (unclosed !== undefined) {
    throw new PatternError('unclosed-brace', unclosed, `“{” at position ${unclosed + 1} is never closed`);
  }
}

function matchAny(alternatives: Component[][], names: string[]): boolean {
  return alternatives.some((components) => matchComponents(components, 0, names, 0));
}

/** doublestar v1's walk: `**` spans zero or more whole components, but a trailing one needs one. */
function matchComponents(components: Component[], pi: number, names: string[], ni: number): boolean {
  while (pi < components.length && ni < names.length) {
    const component = components[pi]!;
    if (component.kind === 'globstar') {
      if (pi === components.length - 1) return true;
      for (let i = ni; i < names.length; i += 1) {
        if (matchComponents(components, pi + 1, names, i)) return true;
      }
      return false;
    }
    if (!component.re.test(names[ni]!)) return false;
    pi += 1;
    ni += 1;
  }
  return pi >= components.length && ni >= names.length;
}

/** Expands `{a,b}` alternation (nested, and across `/`) of a validated pattern. */
function expandBraces(text: string): string[] {
  const open = indexOutsideClasses(text, '{', 0);
  if (open < 0) return [text];
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  let close = text.length;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') i += 1;
    else if (ch === '[') i = classEnd(text, i);
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (ch === ',' && depth === 1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start, close));
  const before = text.slice(0, open);
  const tails = expandBraces(text.slice(close + 1));
  const heads = parts.flatMap(expandBraces);
  if (heads.length * tails.length > MAX_ALTERNATIVES) {
    throw new PatternError(
      'too-many-alternatives',
      open,
      `The pattern expands to more than ${MAX_ALTERNATIVES} alternatives`,
    );
  }
  return heads.flatMap((head) => tails.map((tail) => before + head + tail));
}

function indexOutsideClasses(text: string, target: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') i += 1;
    else if (ch === '[') i = classEnd(text, i);
    else if (ch === target) return i;
  }
  return -1;
}

/** Index of the `]` closing the class that opens at `open`; validates the class. */
function classEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '^' || text[i] === '!') i += 1;
  if (text[i] === ']') {
    throw new PatternError('empty-class', open, `The character class at position ${open + 1} is empty`);
  }
  const badRange = (at: number) =>
    new PatternError('bad-range', at, `“-” at position ${at + 1} needs a character on each side`);
  while (i < text.length) {
    if (text[i] === ']') return i;
    if (text[i] === '-') throw badRange(i);
    const lo = readClassChar(text, i);
    if (!lo) break;
    i = lo.next;
    if (text[i] === '-') {
      if (i + 1 >= text.length || text[i + 1] === ']') throw badRange(i);
      const hi = readClassChar(text, i + 1);
      if (!hi) break;
      if (hi.char < lo.char) {
        throw new PatternError('bad-range', i, `The range ${lo.char}-${hi.char} at position ${i} runs backwards`);
      }
      i = hi.next;
    }
  }
  throw new PatternError('unclosed-class', open, `“[” at position ${open + 1} is never closed`);
}

function readClassChar(text: string, at: number): { char: string; next: number } | null {
  if (text[at] === '\\') {
    const char = text[at + 1];
    return char === undefined ? null : { char, next: at + 2 };
  }
  const char = text[at];
  return char === undefined ? null : { char, next: at + 1 };
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** One `/`-free component: `**` alone is the globstar; otherwise a regular expression. */
function compileComponent(component: string): Component {
  if (component === '**') return { kind: 'globstar' };
  let source = '';
  for (let i = 0; i < component.length; i += 1) {
    const ch = component[i]!;
    if (ch === '\\') {
      source += (component[i + 1] ?? '').replace(REGEX_SPECIAL, '\\$&');
      i += 1;
    } else if (ch === '*') {
      while (component[i + 1] === '*') i += 1;
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const end = classEnd(component, i);
      source += classSource(component.slice(i + 1, end));
      i = end;
    } else {
      source += ch.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  return { kind: 'glob', re: new RegExp(`^${source}$`, 'su') };
}

/** The body of an already validated class, as a regular expression class that never matches `/`. */
function classSource(body: string): string {
  let negated = false;
  let i = 0;
  if (body[0] === '^' || body[0] === '!') {
    negated = true;
    i = 1;
  }
  let inner = '';
  for (; i < body.length; i += 1) {
    const ch = body[i]!;
    if (ch === '\\') {
      inner += escapeInClass(body[i + 1] ?? '');
      i += 1;
    } else if (ch === '-') {
      inner += '-';
    } else {
      inner += escapeInClass(ch);
    }
  }
  return negated ? `[^/${inner}]` : `[${inner}]`;
}

function escapeInClass(ch: string): string {
  return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}
