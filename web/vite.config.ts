import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is served on the same origin in every deployment; in development Vite
// forwards /api to the local launcher so the app never needs CORS.
const apiTarget = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-redux)[\\/]/, priority: 3 },
            // Components no first screen shows stay out of the shared MUI chunk and load with the pages that use them.
            {
              name: 'mui',
              test: /node_modules[\\/](@mui[\\/](?!x-)(?!material[\\/](Autocomplete|Step\w*|Table\w*|Radio\w*|Switch|ToggleButton\w*|Card\w*|Grid|LinearProgress|TextField|Select|NativeSelect|InputBase|OutlinedInput|FilledInput|Input|InputLabel|InputAdornment|FormHelperText|TextareaAutosize|Slider)[\\/])|@emotion|@popperjs|react-transition-group|stylis)/,
              priority: 2,
            },
          ],
        },
      },
    },
  },
});
