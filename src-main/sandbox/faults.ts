import { z } from 'zod';

/**
 * One injected fault, for one action (`DescribeInstances`) or every action (`*`).
 * - `latency`: answer normally after `latencyMs`;
 * - `error`: answer with the cloud error `code` (and `message`);
 * - `throttle`: answer `RequestLimitExceeded`, as the cloud's rate limiter does;
 * - `malformed`: HTTP 200 with a body that is not JSON;
 * - `drop`: destroy the connection without a reply.
 * `latencyMs` delays every kind; `times` limits how many requests the fault hits (default: all).
 */
export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('latency'),
    action: z.string().min(1),
    latencyMs: z.number().int().min(0).max(120_000),
    times: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('error'),
    action: z.string().min(1),
    code: z.string().regex(/^[A-Za-z]+(\.[A-Za-z0-9]+)*$/),
    message: z.string().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    times: z.number().int().min(1).optional(),
  }),
  ...(['throttle', 'malformed', 'drop'] as const).map((kind) =>
    z.strictObject({
      kind: z.literal(kind),
      action: z.string().min(1),
      latencyMs: z.number().int().min(0).max(120_000).optional(),
      times: z.number().int().min(1).optional(),
    }),
  ),
]);
export const faultRulesSchema = z.array(faultRuleSchema).max(100);

export type FaultRule = z.infer<typeof faultRuleSchema>;

/** The faults in force; the first rule that applies to an action wins and uses up one `times`. */
export class FaultBook {
  #rules: { rule: FaultRule; left: number }[] = [];

  set(rules: readonly FaultRule[]): void {
    this.#rules = faultRulesSchema.parse(rules).map((rule) => ({ rule, left: rule.times ?? Infinity }));
  }

  take(action: string): FaultRule | undefined {
    const entry = this.#rules.find((e) => e.left > 0 && (e.rule.action === '*' || e.rule.action === action));
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.rule;
  }
}
