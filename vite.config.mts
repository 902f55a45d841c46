import griffel from '@griffel/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './main/window/securityPolicy';

/** Writes the one Content-Security-Policy (main/window/securityPolicy.ts) into index.html. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Preloads, from index.html, the chunks of the panel that main.ts imports
 * once it has asked for the listing: the browser fetches and compiles them
 * while the entry runs, instead of after it.
 */
function preloadPanel(): Plugin {
  return {
    name: 'preload-panel',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) => {
        const chunks = Object.values(bundle ?? {}).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
        const panel = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/renderer/panelRoot.tsx'));
        if (!panel) throw new Error('the build has no chunk for renderer/panelRoot.tsx');
        const files = new Set<string>();
        const add = (name: string): void => {
          const chunk = chunks.find((c) => c.fileName === name);
          // The entry is index.html's own script.
          if (files.has(name) || chunk?.isEntry) return;
          files.add(name);
          chunk?.imports.forEach(add);
        };
        add(panel.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// The renderer is served from app://panel/ in Electron and from a local server
// in the Linux bench; both serve dist/renderer at the root.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), griffel(), contentSecurityPolicy(), preloadPanel()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
