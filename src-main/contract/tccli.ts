import { z } from 'zod';

/** A profile the Tencent Cloud CLI keeps under ~/.tccli, as found on disk (no secret). */
export interface TccliProfile {
  name: string;
  region?: string;
  secretIdMasked: string;
  credentialFile: string;
  /** Set when the file could not be used, e.g. not JSON or no secretKey; a message key. */
  problem?: string;
  /** A profile with this display name exists already; import renames it. */
  nameTaken: boolean;
}

export interface TccliScan {
  dir: string;
  found: boolean;
  profiles: TccliProfile[];
}

export const tccliImportSchema = z.object({
  names: z.array(z.string().min(1).max(200)).min(1, { error: 'tccli.noneChosen' }).max(100),
});

export interface TccliImported {
  name: string;
  profileId?: string;
  profileName?: string;
  credentialFile: string;
  /** A message key when this one failed. */
  error?: string;
}

export const tccliDeleteSchema = z.object({ name: z.string().min(1).max(200) });
