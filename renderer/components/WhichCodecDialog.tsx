/**
 * "Which codec handles…": a FourCC (XVID) or a WAVE format tag (0x55, MPEG
 * Layer-3) asked of every codec in both views. Video codecs are asked as
 * ICLocate asks them, each in its view's driver host under the usual
 * deadlines; audio codecs answer by the format tags they listed.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CodecQueryResult } from '../../app/codecQuery';

const useStyles = makeStyles({
  surface: { maxWidth: '820px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  ask: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  list: { maxHeight: '45vh', overflowY: 'auto' },
});

export interface WhichCodecDialogProps {
  onShow: (id: string) => void;
  onClose: () => void;
}

// An audio codec's format tags do not say which way it converts.
const yes = (b: boolean | null): string => (b === null ? 'Converts' : b ? 'Yes' : 'No');

function Results({ result, onShow }: { result: CodecQueryResult; onShow: (id: string) => void }): React.JSX.Element {
  const styles = useStyles();
  return (
    <>
      {result.matches.length === 0 ? (
        <Text role="status">No codec handles {result.query}.</Text>
      ) : (
        <div className={styles.list}>
          <Table aria-label="Codecs that handle the format" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Codec</TableHeaderCell>
                <TableHeaderCell>View</TableHeaderCell>
                <TableHeaderCell>Decompresses</TableHeaderCell>
                <TableHeaderCell>Compresses</TableHeaderCell>
                <TableHeaderCell>How the panel knows</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.matches.map((m) => (
                <TableRow key={m.id} data-alias={m.alias}>
                  <TableCell>
                    {m.name} ({m.alias})
                  </TableCell>
                  <TableCell>{m.view}</TableCell>
                  <TableCell>{yes(m.decompresses)}</TableCell>
                  <TableCell>{yes(m.compresses)}</TableCell>
                  <TableCell>{m.evidence}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => onShow(m.id)} aria-label={`Show ${m.alias} (${m.view})`}>
                      Show
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {result.unasked.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Not asked: {result.unasked.map((u) => `${u.alias} (${u.view}): ${u.why}`).join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

export function WhichCodecDialog({ onShow, onClose }: WhichCodecDialogProps): React.JSX.Element {
  const styles = useStyles();
  const [format, setFormat] = useState('');
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<CodecQueryResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const ask = async (): Promise<void> => {
    setAsking(true);
    setFailure(null);
    const reply = await window.driversPanel.whichCodec({ query: format.trim() });
    setAsking(false);
    if (reply.ok) setResult(reply.value);
    else {
      setResult(null);
      setFailure(reply.error.message);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, data) => data.open || onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Which codec handles…</DialogTitle>
          <DialogContent className={styles.content}>
            <form
              className={styles.ask}
              onSubmit={(event) => {
                event.preventDefault();
                void ask();
              }}
            >
              <Field label="A FourCC (XVID, MJPG) or a WAVE format tag (0x55, MPEG Layer-3)">
                <Input value={format} onChange={(_e, data) => setFormat(data.value)} maxLength={64} autoFocus />
              </Field>
              <Button type="submit" appearance="primary" disabled={asking || format.trim() === ''}>
                Find
              </Button>
            </form>
            {asking && <Spinner size="tiny" label="Asking the codecs of both views…" />}
            {failure && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{failure}</MessageBarBody>
              </MessageBar>
            )}
            {result && !asking && <Results result={result} onShow={onShow} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
