import { jest } from '@jest/globals';
import { DomainError, ErrorCode, UnauthenticatedError } from '../errors/domain-error.js';
import { ApiKeyResolver } from './api-key-resolver.js';

const ws = '11111111-1111-4111-8111-111111111111';
const key = `mk.${ws}.22222222-2222-4222-8222-222222222222.${'s'.repeat(32)}`;

describe('ApiKeyResolver', () => {
  it('resolves through the users service and caches the answer', async () => {
    const call = jest.fn(async () => ({ apiKeyId: 'k1', workspaceId: ws, userId: 'u1', role: 'member', cacheTtlSeconds: 30 }));
    const resolver = new ApiKeyResolver({ call } as never);
    expect(await resolver.resolve(key)).toEqual({ userId: 'u1', workspaceId: ws, role: 'member', apiKeyId: 'k1' });
    await resolver.resolve(key);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('resolveApiKey', { key }, { workspaceId: ws });
  });

  it('rejects malformed keys without a call, and caches unknown keys briefly', async () => {
    const call = jest.fn(async () => {
      throw new DomainError(ErrorCode.NotFound, 'no');
    });
    const resolver = new ApiKeyResolver({ call } as never);
    await expect(resolver.resolve('mk.not-a-key')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(call).not.toHaveBeenCalled();
    await expect(resolver.resolve(key)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(resolver.resolve(key)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('does not cache an outage of the users service', async () => {
    const call = jest.fn(async () => {
      throw new DomainError(ErrorCode.Unavailable, 'down');
    });
    const resolver = new ApiKeyResolver({ call } as never);
    await expect(resolver.resolve(key)).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    await expect(resolver.resolve(key)).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('refuses an answer for another workspace than the key names', async () => {
    const call = jest.fn(async () => ({
      apiKeyId: 'k1',
      workspaceId: '33333333-3333-4333-8333-333333333333',
      userId: 'u1',
      role: 'owner',
      cacheTtlSeconds: 30,
    }));
    await expect(new ApiKeyResolver({ call } as never).resolve(key)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
