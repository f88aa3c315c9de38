import { NotFoundException } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { ConflictError, NotFoundError, ValidationError } from './domain-error.js';
import { toProblem } from './domain-exception.filter.js';
import { toGrpcError } from './grpc-error.js';

describe('error mapping', () => {
  it('maps validation errors to 400 problem+json with errors[]', () => {
    const p = toProblem(new ValidationError([{ field: 'email', message: 'bad' }]));
    expect(p).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'email', message: 'bad' }] });
  });

  it('maps not-found and conflict to 404 and 409 on HTTP and NOT_FOUND / ALREADY_EXISTS on gRPC', () => {
    expect(toProblem(new NotFoundError('Contact'))).toMatchObject({ status: 404, detail: 'Contact not found.' });
    expect(toProblem(new ConflictError('taken'))).toMatchObject({ status: 409 });
    expect(toGrpcError(new NotFoundError('Contact')).code).toBe(status.NOT_FOUND);
    expect(toGrpcError(new ConflictError('taken')).code).toBe(status.ALREADY_EXISTS);
    expect(toGrpcError(new NotFoundError('Contact')).metadata.get('reason')).toEqual(['NOT_FOUND']);
  });

  it('hides internals of unexpected errors', () => {
    const p = toProblem(new Error('password=hunter2 leaked in a stack'));
    expect(p).toMatchObject({ status: 500, detail: 'An unexpected error occurred.' });
    expect(toGrpcError(new Error('secret')).message).not.toContain('secret');
  });

  it("maps Nest's own HTTP errors (unknown routes) to problem details", () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
