// UI text of one feature in both languages; en.ts and zh-CN.ts take it in whole, so the keys are
// checked the same way as theirs (a key missing in zh-CN fails the type check).

export const productionEn = {} as const;

export const productionZhCN: Record<keyof typeof productionEn, string> = {};
