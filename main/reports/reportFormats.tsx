/**
 * A support report as JSON, CSV (RFC 4180, by csv-stringify) or one
 * self-contained HTML page that reads well printed. React renders the HTML, so
 * every value from a driver or the registry is escaped.
 */
import { stringify } from 'csv-stringify/sync';
import { renderToStaticMarkup } from 'react-dom/server';
import { reportRow, type SupportReport } from './supportReport';

export const reportFormats = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const printStyle = `
  body { font: 10pt "Segoe UI", system-ui, sans-serif; margin: 1.5em; color: #000; }
  h1 { font-size: 16pt; margin: 0 0 .2em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; word-break: break-word; }
  th { background: #eee; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  @media print { body { margin: 0; } @page { size: landscape; margin: 1cm; } }
`;

function ReportPage({ report }: { report: SupportReport }): React.JSX.Element {
  const rows = report.drivers.map((d) => reportRow(d, report.restarts));
  const columns = Object.keys(rows[0] ?? reportRow(emptyDriver, []));
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{`Multimedia drivers on ${report.machine.name}`}</title>
        <style>{printStyle}</style>
      </head>
      <body>
        <h1>Multimedia drivers on {report.machine.name}</h1>
        <p>
          {report.machine.windows} · report made {report.generatedAt} · {report.drivers.length} driver(s)
        </p>
        <h2>Waiting for a restart</h2>
        {report.restarts.length === 0 ? (
          <p>Nothing.</p>
        ) : (
          <ul>
            {report.restarts.map((r) => (
              <li key={`${r.id}-${r.action}`}>
                {r.alias}: {r.action} on {r.at}
              </li>
            ))}
          </ul>
        )}
        {report.notices.length > 0 && (
          <>
            <h2>Notices</h2>
            <ul>
              {report.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </>
        )}
        <h2>Drivers</h2>
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{row[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** Only for the column names of an empty report. */
const emptyDriver = {
  id: '',
  alias: '',
  kind: 'other',
  file: '',
  parameters: null,
  sources: [],
  view: '64-bit',
  details: null,
  disabledBy: null,
  status: 'ok',
  statusDetail: null,
  openable: false,
  probe: null,
  quarantine: null,
  pending: null,
  revision: 0,
} as const satisfies Parameters<typeof reportRow>[0];

export function formatReport(report: SupportReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv': {
      const rows = report.drivers.map((d) => reportRow(d, report.restarts));
      return stringify(rows, { header: true, columns: Object.keys(rows[0] ?? reportRow(emptyDriver, [])), record_delimiter: 'windows' });
    }
    case 'html':
      return `<!doctype html>\n${renderToStaticMarkup(<ReportPage report={report} />)}\n`;
  }
}
