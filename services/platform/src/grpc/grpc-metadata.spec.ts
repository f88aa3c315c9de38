import { contextToMetadata, metadataToContext } from './grpc-metadata.js';

describe('gRPC metadata', () => {
  it('carries tenant, user, correlation and trace context both ways', () => {
    const ctx = { correlationId: 'c-1', workspaceId: 'w-1', userId: 'u-1', role: 'member', traceparent: '00-abc-def-01' };
    expect(metadataToContext(contextToMetadata(ctx), 'fallback')).toEqual(ctx);
  });

  it('falls back to a new correlation id and drops oversized values', () => {
    const md = contextToMetadata({ correlationId: '' });
    md.set('x-workspace-id', 'x'.repeat(1000));
    expect(metadataToContext(md, 'fallback')).toEqual({ correlationId: 'fallback' });
  });
});
