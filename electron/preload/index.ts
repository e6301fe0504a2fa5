import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/api';
import type { Result } from '../../shared/result';

// Named operations only: the page never gets ipcRenderer itself.
const api = createApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  (channel, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
);

contextBridge.exposeInMainWorld('mishen', api);

export type PreloadApi = typeof api;
