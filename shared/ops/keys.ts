import { z } from 'zod';
import { op } from '../define';
import type { Role } from '../roles';
import { none, password } from '../schemas';

// The data key's rotation, by the 安全保密管理员 (electron/vault/rotation.ts).

export interface KeyWaitingAccount {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

export interface KeyStatusView {
  /** When the current data key replaced the previous one; null before the first rotation. */
  lastRotation: string | null;
  /** 待重新封装的账户: accounts whose slot still wraps an older key (until their next login). */
  waiting: KeyWaitingAccount[];
  /** The recovery code's slot still wraps an older key (the previous code still works). */
  recoveryWaiting: boolean;
  /** Bridges from older keys are kept: an older key still leads to the current one. */
  bridgeActive: boolean;
}

export interface KeyRotationResult {
  /** The new recovery code, shown once. */
  recoveryCode: string;
  status: KeyStatusView;
}

export const keys = {
  status: op<KeyStatusView>()({ input: none, access: { kind: 'user', roles: ['secAdmin'] } }),
  /** Re-encrypts the store under a new data key; the password confirms and rewraps the caller's own slot. */
  rotate: op<KeyRotationResult>()({ input: z.object({ password }), access: { kind: 'user', roles: ['secAdmin'] } }),
};
