import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../local/config';

describe('npm start configuration: SCC_SPA', () => {
  it('serves the dashboard through Vite unless told otherwise', () => {
    expect(configFromEnv({}).spa).toBe('vite');
    expect(configFromEnv({ SCC_SPA: 'vite' }).spa).toBe('vite');
  });

  it('serves the production build, service worker included, with SCC_SPA=dist', () => {
    expect(configFromEnv({ SCC_SPA: 'dist' }).spa).toBe('dist');
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => configFromEnv({ SCC_SPA: 'built' })).toThrow('SCC_SPA=built: use vite (the default) or dist');
  });
});
