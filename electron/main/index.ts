import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRuntime, useNativeBinding } from '../app/runtime';
import { ScanPool, workerAnalyzer } from '../documents/analyzer';
import { forwardEvents, registerIpc } from './ipc';
import { electronNativeBinding, scanNativePath } from './native';
import { dataDirFromArgs, resolveAppFile } from './paths';
import { APP_ORIGIN, APP_SCHEME, hardenContents, hardenSession, windowOptions } from './security';

// Electron glue only: windows, the app:// protocol, IPC wiring. Everything the app
// does lives in the domain folders and is tested without Electron.

try {
  useNativeBinding(electronNativeBinding(app));
  // Set before any scanning thread starts: they read it from the environment they inherit.
  // An installed app loads native code only from its own resources, whatever the
  // environment it was started with says (as its fuses ignore NODE_OPTIONS).
  const scanNative = scanNativePath({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  if (app.isPackaged) process.env.MISHEN_SCAN_NATIVE = scanNative;
  else process.env.MISHEN_SCAN_NATIVE ??= scanNative;
} catch (err) {
  dialog.showErrorBox('密审台无法启动', (err as Error).message);
  app.exit(1);
}

const cliAt = process.argv.indexOf('--mishen-cli');
if (cliAt >= 0) {
  // `mishen` (resources/cli): the command line, run by this binary because RunAsNode is off.
  const args = process.argv.slice(cliAt + 1);
  if (args[0] === '--') args.shift();
  void import('../cli/index')
    .then(({ run }) => run(args))
    .then(
      (code) => app.exit(code),
      (err: unknown) => {
        process.stderr.write(`无法完成：${(err as Error)?.message ?? String(err)}\n`);
        app.exit(2);
      },
    );
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  // Chromium must not reach out on its own (safe browsing, component updates, …).
  app.commandLine.appendSwitch('disable-background-networking');
  app.commandLine.appendSwitch('disable-component-update');
  app.commandLine.appendSwitch('disable-domain-reliability');

  const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    let win: BrowserWindow | null = null;
    app.on('second-instance', () => {
      if (win) {
        if (win.isMinimized()) win.restore();
        win.focus();
      }
    });

    void app.whenReady().then(() => {
      const dataDir = dataDirFromArgs(process.argv, join(app.getPath('userData'), 'data'));
      // Warm scanner threads shared by every file's analysis (electron/scanner/pool.ts).
      const scanPool = new ScanPool(undefined, join(import.meta.dirname, 'scan-pool-worker.js'));
      const runtime = createRuntime({
        dataDir,
        host: 'electron',
        version: app.getVersion(),
        analyzer: workerAnalyzer(join(import.meta.dirname, 'documents-worker.js'), undefined, scanPool),
        onInternalError: (channel, err) =>
          console.error(`[mishen] ${channel} failed: ${(err as Error)?.name ?? 'Error'}`, (err as Error)?.stack ?? ''),
      });
      const rendererDir = join(import.meta.dirname, '../renderer');
      protocol.handle(APP_SCHEME, (request) => {
        const file = resolveAppFile(rendererDir, request.url);
        if (!file) return new Response('Not found', { status: 404 });
        return net.fetch(pathToFileURL(file).toString());
      });
      hardenSession(session.defaultSession, devServerUrl);
      app.on('web-contents-created', (_e, contents) => hardenContents(contents, devServerUrl));
      registerIpc(ipcMain, runtime, devServerUrl);
      const idleTimer = setInterval(() => {
        runtime.services.session.checkIdle();
        void runtime.services.maintenance.tick();
      }, 15_000);

      win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs'), app.isPackaged));
      const stop = forwardEvents(runtime, win.webContents);
      win.once('ready-to-show', () => win?.show());
      win.on('closed', () => {
        stop();
        win = null;
      });
      void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);

      app.on('window-all-closed', () => {
        clearInterval(idleTimer);
        void Promise.all([runtime.close(), scanPool.close()]).finally(() => app.quit());
      });
    });
  }
}
