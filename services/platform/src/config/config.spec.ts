import { z } from 'zod';
import { ConfigError, loadConfig, redactConfig, sensitive } from './config.js';

const schema = z.object({
  PORT: z.coerce.number().int(),
  DATABASE_URL: sensitive(z.string().url()),
  NAME: z.string().default('svc'),
});

describe('config', () => {
  it('parses and applies defaults', () => {
    expect(loadConfig(schema, { PORT: '80', DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({
      PORT: 80,
      DATABASE_URL: 'postgres://u:p@h/db',
      NAME: 'svc',
    });
  });

  it('fails fast naming every invalid variable, never echoing values', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'super-secret-not-a-url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('super-secret');
  });

  it('redacts sensitive fields for logging', () => {
    const config = loadConfig(schema, { PORT: '80', DATABASE_URL: 'postgres://u:p@h/db' });
    expect(redactConfig(schema, config)).toEqual({ PORT: 80, DATABASE_URL: '[redacted]', NAME: 'svc' });
  });
});
