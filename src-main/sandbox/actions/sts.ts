import type { ActionHandlers } from './context.js';

/** Sandbox keys are root-account keys: every id is the account's uin. */
export const stsActions: ActionHandlers<'GetCallerIdentity'> = {
  GetCallerIdentity: (_params, { account }) => ({
    Arn: `qcs::cam::uin/${account.uin}:uin/${account.uin}`,
    AccountId: account.uin,
    UserId: account.uin,
    PrincipalId: account.uin,
    Type: 'RootAccount',
  }),
};
