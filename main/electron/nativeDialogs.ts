/** Electron glue: the native dialogs and Explorer, for the contract handlers (the Wine bench has bench/bridge/benchDialogs.ts). */
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ReportFormat } from '../../app/supportReport';
import type { HandlerContext } from '../contract/contractHandlers';

type Dialogs = Pick<HandlerContext, 'chooseDriverFile' | 'chooseReportFile' | 'showInFolder'>;

const reportFilters: Record<ReportFormat, Electron.FileFilter> = {
  html: { name: 'Web page (printable)', extensions: ['html'] },
  csv: { name: 'CSV (Excel)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
};

export function nativeDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    chooseDriverFile: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Add driver',
        properties: ['openFile'],
        filters: [
          { name: 'Multimedia drivers', extensions: ['acm', 'dll', 'drv'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      // Modal to the panel's window when there is one.
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseReportFile: async (suggestedName, format) => {
      const options: Electron.SaveDialogOptions = {
        title: 'Export report',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [reportFilters[format]],
      };
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    showInFolder: (path) => shell.showItemInFolder(path),
  };
}
