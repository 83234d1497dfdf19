/**
 * Fills team mode's credential seam with Electron's `safeStorage`: the newsroom-server password
 * is encrypted with a key the operating system keeps for this user (Keychain, DPAPI, the Secret
 * Service or KWallet). On Linux without a secret service Electron falls back to a fixed key
 * (`basic_text`), which protects nothing: then no password is kept and PGPASSWORD or the pgpass
 * file are used, as in the bridge.
 */
import { safeStorage } from 'electron';
import { setCredentialVault } from '../../core/team/credentials';

/** Installs the vault; call once the app is ready (safeStorage needs it on Linux). */
export function installCredentialVault(): void {
  setCredentialVault({
    available: () =>
      safeStorage.isEncryptionAvailable() &&
      !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  });
}
