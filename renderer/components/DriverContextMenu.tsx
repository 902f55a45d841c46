/**
 * The context menu of the selected driver. It offers exactly the buttons of
 * the details pane (those marked data-menu), in their order, and presses the
 * one chosen: so the menu can never offer an action that does not apply, and
 * each comes with its confirmation or administrator-rights prompt, as there.
 */
import { Menu, MenuItem, MenuList, MenuPopover, type PositioningVirtualElement } from '@fluentui/react-components';
import { useLayoutEffect, useState, type RefObject } from 'react';

interface Item {
  label: string;
  disabled: boolean;
  button: HTMLElement;
}

export interface DriverContextMenuProps {
  /** Where it opens, in client coordinates; null while closed. */
  at: { x: number; y: number } | null;
  /** The details pane, whose buttons the menu offers. */
  actions: RefObject<HTMLElement | null>;
  onClose: () => void;
}

export function DriverContextMenu({ at, actions, onClose }: DriverContextMenuProps): React.JSX.Element | null {
  const [items, setItems] = useState<Item[]>([]);
  // Where focus was when the menu opened (the table): it goes back there, as in Windows.
  const [returnTo, setReturnTo] = useState<HTMLElement | null>(null);
  // Read after the details pane has rendered the driver the menu is for.
  useLayoutEffect(() => {
    if (!at) return;
    setReturnTo(document.activeElement instanceof HTMLElement ? document.activeElement : null);
    const root = actions.current;
    const buttons = root ? [...root.querySelectorAll<HTMLElement>('[data-menu]')] : [];
    setItems(buttons.map((button) => ({ label: button.textContent, disabled: button.getAttribute('aria-disabled') === 'true', button })));
  }, [at, actions]);
  if (!at || items.length === 0) return null;
  const target: PositioningVirtualElement = { getBoundingClientRect: () => DOMRect.fromRect({ x: at.x, y: at.y, width: 0, height: 0 }) };
  return (
    <Menu
      open
      positioning={{ target, position: 'below', align: 'start' }}
      onOpenChange={(_e, data) => {
        if (data.open) return;
        onClose();
        returnTo?.focus();
      }}
    >
      <MenuPopover>
        <MenuList aria-label="Driver actions">
          {items.map((item) => (
            <MenuItem
              key={item.label}
              disabled={item.disabled}
              onClick={() => {
                onClose();
                returnTo?.focus();
                item.button.click();
              }}
            >
              {item.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
