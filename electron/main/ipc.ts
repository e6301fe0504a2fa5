import type { IpcMain, WebContents } from 'electron';
import type { Runtime } from '../app/runtime';
import { isTrustedSender } from './security';

/** Registers every contract channel on ipcMain through the one dispatcher. */
export function registerIpc(ipcMain: IpcMain, runtime: Runtime, devServerUrl?: string): void {
  for (const channel of runtime.dispatcher.channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      runtime.dispatcher.dispatch(channel, input, {
        trustedSender: isTrustedSender(event.senderFrame, devServerUrl),
      }),
    );
  }
}

export function forwardEvents(runtime: Runtime, contents: WebContents): () => void {
  return runtime.subscribe((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  });
}
