/** Which codec…: the codecs in both views that handle a FourCC or a WAVE format tag. */
import { Button } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useState } from 'react';

// Loaded when it is opened, not with the panel.
const WhichCodecDialog = lazy(async () => ({ default: (await import('./WhichCodecDialog')).WhichCodecDialog }));

export function WhichCodecButton({ onShow }: { onShow: (id: string) => void }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SearchRegular />} onClick={() => setOpen(true)}>
        Which codec…
      </Button>
      {open && (
        <Suspense fallback={null}>
          <WhichCodecDialog
            onShow={(id) => {
              setOpen(false);
              onShow(id);
            }}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
