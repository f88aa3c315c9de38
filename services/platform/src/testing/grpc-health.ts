import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

/** Calls grpc.health.v1.Health/Check on a server; resolves with the serving status. */
export async function grpcHealthStatus(address: string, service = ''): Promise<string> {
  const def = protoLoader.loadSync(protoPath, { keepCase: true, enums: String });
  const Health = (grpc.loadPackageDefinition(def) as unknown as { grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } } })
    .grpc.health.v1.Health;
  const client = new Health(address, grpc.credentials.createInsecure());
  try {
    return await new Promise<string>((resolve, reject) =>
      (client as unknown as { check: Function }).check(
        { service },
        { deadline: new Date(Date.now() + 3000) },
        (err: Error | null, res: { status: string }) => (err ? reject(err) : resolve(res.status)),
      ),
    );
  } finally {
    client.close();
  }
}
