import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the local stack (or any static host) serves index.html for every route.
    // REGIONKARTAN_BUILD_DIR / SVELTEKIT_OUT_DIR let parallel builds (several developers) not collide.
    adapter: adapter({
      pages: process.env.REGIONKARTAN_BUILD_DIR ?? 'build',
      assets: process.env.REGIONKARTAN_BUILD_DIR ?? 'build',
      fallback: 'index.html',
      strict: true
    }),
    outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit'
  }
};

export default config;
