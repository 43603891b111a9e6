/** A Tencent Cloud API key pair. Lives in the OS keychain and in main's memory only, never in a file or a reply. */
export interface AccessKeys {
  secretId: string;
  secretKey: string;
}

/** Where a profile's keys come from when a call is made (the keychain, or the sandbox's demo keys). */
export type KeysFor = (profileId: string) => Promise<AccessKeys>;
