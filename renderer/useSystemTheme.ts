/** Follows the system's light, dark or high-contrast setting, live. */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

const queries = ['(forced-colors: active)', '(prefers-color-scheme: dark)'] as const;

function currentTheme(): Theme {
  if (window.matchMedia(queries[0]).matches) return teamsHighContrastTheme;
  return window.matchMedia(queries[1]).matches ? webDarkTheme : webLightTheme;
}

export function useSystemTheme(): Theme {
  const [theme, setTheme] = useState(currentTheme);
  useEffect(() => {
    const lists = queries.map((q) => window.matchMedia(q));
    const update = (): void => setTheme(currentTheme());
    for (const list of lists) list.addEventListener('change', update);
    return () => {
      for (const list of lists) list.removeEventListener('change', update);
    };
  }, []);
  return theme;
}
