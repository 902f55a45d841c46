/** Export report…: the support report in the format asked for, saved where main's save dialog says. */
import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { DocumentArrowRightRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ReportFormat } from '../../app/supportReport';
import type { PanelMessage } from '../usePanelNotices';

const formats: Array<[ReportFormat, string]> = [
  ['html', 'Web page (HTML, printable)…'],
  ['csv', 'Spreadsheet (CSV)…'],
  ['json', 'JSON…'],
];

export function ExportReportMenu({ inform }: { inform: (message: PanelMessage) => void }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: ReportFormat): Promise<void> => {
    setBusy(true);
    const reply = await window.driversPanel.exportReport({ format });
    setBusy(false);
    if (!reply.ok) inform({ intent: 'error', text: reply.error.message });
    else if (reply.value.saved) inform({ intent: 'success', text: `Report saved to ${reply.value.saved}.` });
  };
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton icon={<DocumentArrowRightRegular />} disabledFocusable={busy}>
          Export report
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {formats.map(([format, label]) => (
            <MenuItem key={format} onClick={() => void exportAs(format)}>
              {label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
