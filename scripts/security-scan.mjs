// Runs Electronegativity (Electron security lint) offline over the app's sources and compares its
// findings with security/electronegativity-accepted.json. Exits 1 when a finding is neither fixed
// nor accepted, when an accepted entry no longer matches anything (stale: remove it), or when a
// file could not be parsed (an unparsed file is an unscanned file).
//
//   node scripts/security-scan.mjs
//
// Scanned: src-main (main, preload, shell; TypeScript) and src-renderer (its TypeScript and
// index.html, whose CSP meta tag the CSP check evaluates), copied into one folder so a single
// run sees everything and global checks (CSP, navigation, permissions) judge the whole app.
// Not scanned: out/ — the bundles are .cjs (which the tool skips) and mostly third-party code.
// Offline: AvailableSecurityFixesGlobalCheck is excluded because it downloads Electron's
// release list from GitHub, and with it ElectronVersionJSONCheck, an informational check whose
// only purpose is to feed it (keeping Electron patched is Dependabot's / `npm outdated`'s job).
// The tool's one translation request times out after 1 s and falls back to bundled English.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(root, '.test-output');
const stagingDir = path.join(outputDir, 'electronegativity-input');
const acceptedFile = path.join(root, 'security/electronegativity-accepted.json');
const scannedFolders = ['src-main', 'src-renderer'];
const offlineExclusions = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity');

async function electronVersion() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const version = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
    throw new Error(`package.json must pin electron to an exact version, found ${version}`);
  }
  return version;
}

async function stageInput() {
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true });
  for (const folder of scannedFolders) {
    await cp(path.join(root, folder), path.join(stagingDir, folder), { recursive: true });
  }
  await cp(path.join(root, 'package.json'), path.join(stagingDir, 'package.json'));
}

/** The tool's issue objects → plain findings with repository-relative paths. */
function toFinding(issue) {
  return {
    id: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : issue.file.split(path.sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? String(issue.severity?.value),
    confidence: issue.confidence?.name ?? String(issue.confidence?.value),
    manualReview: Boolean(issue.manualReview),
    sample: typeof issue.sample === 'string' ? issue.sample : '',
    description: issue.description ?? '',
    url: issue.shortenedURL ?? '',
  };
}

/**
 * An accepted entry matches a finding with the same check id and file, and either the same line
 * or a `match` text contained in the flagged source line (preferred: survives unrelated edits).
 */
function matches(entry, finding) {
  if (entry.id !== finding.id || entry.file !== finding.file) return false;
  if (typeof entry.match === 'string') return finding.sample.includes(entry.match);
  if (typeof entry.line === 'number') return entry.line === finding.line;
  return true;
}

function validateAccepted(entries) {
  const problems = [];
  entries.forEach((entry, index) => {
    const where = `accepted[${index}]`;
    if (typeof entry.id !== 'string' || typeof entry.file !== 'string') {
      problems.push(`${where}: needs "id" and "file"`);
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      problems.push(`${where}: needs a written "reason" why the finding does not apply`);
    }
  });
  return problems;
}

function describe(finding) {
  const at = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.line}:${finding.column}`;
  const sample = finding.sample ? `\n      ${finding.sample}` : '';
  return `  ${finding.id} ${at} [${finding.severity}/${finding.confidence}]${sample}\n      ${finding.description} ${finding.url}`;
}

async function main() {
  const version = await electronVersion();
  await stageInput();
  const result = await runElectronegativity(
    {
      input: stagingDir,
      output: path.join(outputDir, 'electronegativity.sarif'),
      isSarif: true,
      customScan: [],
      excludeFromScan: offlineExclusions,
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: version,
      parserPlugins: [],
    },
    false,
  );
  const findings = result.issues.map(toFinding);
  const accepted = JSON.parse(await readFile(acceptedFile, 'utf8')).accepted ?? [];

  const invalid = validateAccepted(accepted);
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const fresh = findings.filter((finding) => !accepted.some((entry) => matches(entry, finding)));
  const stale = accepted.filter((entry) => !findings.some((finding) => matches(entry, finding)));

  await writeFile(
    path.join(outputDir, 'electronegativity-report.json'),
    `${JSON.stringify({ electronVersion: version, findings, errors: result.errors, fresh, stale }, null, 2)}\n`,
  );
  await rm(stagingDir, { recursive: true, force: true });

  console.log(
    `Electronegativity (Electron ${version}): ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ` +
      `${findings.length} finding(s), ${findings.length - fresh.length} accepted.`,
  );
  for (const error of result.errors.filter((error) => error.tolerable)) {
    console.log(`Parser warning in ${path.relative(stagingDir, error.file)}: ${error.message}`);
  }
  if (invalid.length > 0) console.log(`Invalid accepted entries:\n${invalid.join('\n')}`);
  if (unparsed.length > 0) {
    console.log('Files the scanner could not parse (so did not check):');
    for (const error of unparsed) console.log(`  ${path.relative(stagingDir, error.file)}: ${error.message}`);
  }
  if (fresh.length > 0) {
    console.log('New findings — fix them, or accept them with a reason in security/electronegativity-accepted.json:');
    for (const finding of fresh) console.log(describe(finding));
  }
  if (stale.length > 0) {
    console.log('Stale accepted entries (nothing matches them any more) — remove them:');
    for (const entry of stale) console.log(`  ${entry.id} ${entry.file} ${entry.match ?? entry.line ?? ''}`);
  }
  console.log('Report: .test-output/electronegativity-report.json, .test-output/electronegativity.sarif');
  const failed = invalid.length + unparsed.length + fresh.length + stale.length > 0;
  if (!failed) console.log('Security scan passed.');
  process.exitCode = failed ? 1 : 0;
}

await main();
