import { faker } from '@faker-js/faker';

export interface DemoLogin {
  email: string;
  password: string;
}

const COMPANIES = 25;
const CONTACTS = 120;
const DEALS = 40;

interface Created {
  id: string;
}

async function call<T>(method: string, url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs `work` over `items` eight at a time (the services are busy starting up too). */
async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 8) out.push(...(await Promise.all(items.slice(i, i + 8).map(work))));
  return out;
}

/**
 * Creates the demo workspace through the public API (so events, warehouse and workflow
 * see it like any other data): one owner, companies with their people, deals spread over
 * the default pipeline, a timeline of notes and calls, and open tasks — from a seeded faker,
 * so every fresh start shows the same sample data.
 */
export async function seedDemo(origin: string, login: DemoLogin): Promise<number> {
  faker.seed(20261122);
  const api = (path: string) => `${origin}/api/v1/${path}`;
  const { accessToken: token } = await call<{ accessToken: string }>('POST', api('auth/signup'), {
    email: login.email,
    password: login.password,
    name: 'Dana Demo',
    workspaceName: 'Acme Demo (sample data)',
  });
  const industries = ['Software', 'Manufacturing', 'Retail', 'Healthcare', 'Logistics', 'Finance'];
  const companies = await inBatches(
    Array.from({ length: COMPANIES }, (_, i) => {
      const name = faker.company.name();
      const domain = `${
        name
          .toLowerCase()
          .replace(/[^a-z]+/g, '')
          .slice(0, 20) || 'company'
      }${i}.example`;
      return {
        name,
        domain,
        industry: faker.helpers.arrayElement(industries),
        employees: faker.number.int({ min: 5, max: 900 }),
        annualRevenue: faker.number.int({ min: 200, max: 50_000 }) * 1000,
        tags: faker.helpers.arrayElements(['partner', 'enterprise', 'smb', 'eu', 'us'], { min: 0, max: 2 }),
      };
    }),
    (c) => call<Created & { domain: string }>('POST', api('companies'), c, token),
  );
  const stages = ['subscriber', 'lead', 'marketingQualified', 'salesQualified', 'opportunity', 'customer'] as const;
  const contacts = await inBatches(
    Array.from({ length: CONTACTS }, () => {
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      const company = faker.helpers.arrayElement(companies);
      return {
        firstName,
        lastName,
        email: faker.internet.email({ firstName, lastName, provider: company.domain }).toLowerCase(),
        phone: `+1${faker.helpers.arrayElement(['212', '415', '512', '617', '303'])}555${faker.string.numeric(4)}`,
        title: faker.person.jobTitle(),
        companyId: company.id,
        lifecycleStage: faker.helpers.arrayElement(stages),
        source: faker.helpers.arrayElement(['Website', 'Referral', 'Event', 'Outbound']),
      };
    }),
    (c) => call<Created & { companyId: string }>('POST', api('contacts'), c, token),
  );
  const { data: pipelines } = await call<{ data: { stages: { id: string; kind: string }[] }[] }>('GET', api('pipelines'), undefined, token);
  const pipelineStages = pipelines[0]?.stages ?? [];
  const deals = await inBatches(
    Array.from({ length: DEALS }, () => {
      const contact = faker.helpers.arrayElement(contacts);
      const stage = faker.helpers.arrayElement(pipelineStages);
      return {
        name: `${faker.commerce.productAdjective()} ${faker.commerce.product()} deal`,
        amount: faker.number.int({ min: 20, max: 900 }) * 100,
        currency: 'USD',
        stageId: stage?.id,
        companyId: contact.companyId,
        contactIds: [contact.id],
        expectedCloseDate: faker.date.soon({ days: 120, refDate: Date.now() }).toISOString().slice(0, 10),
        ...(stage?.kind === 'lost' ? { lostReason: 'Chose a competitor' } : {}),
      };
    }),
    (d) => call<Created>('POST', api('deals'), d, token),
  );
  const notes = contacts.slice(0, 40).map((c, i) => ({
    type: i % 3 === 0 ? 'call' : 'note',
    subject: i % 3 === 0 ? 'Discovery call' : 'Intro note',
    body: faker.lorem.sentences(2),
    contactId: c.id,
    ...(i % 2 === 0 && deals[i % deals.length] ? { dealId: deals[i % deals.length]!.id } : {}),
  }));
  await inBatches(notes, (n) => call('POST', api('activities'), n, token));
  await inBatches(deals.slice(0, 12), (d) =>
    call(
      'POST',
      api('tasks'),
      {
        title: faker.helpers.arrayElement(['Send proposal', 'Follow up on pricing', 'Book demo', 'Check contract']),
        dueAt: faker.date.soon({ days: 14, refDate: Date.now() }).toISOString(),
        dealId: d.id,
      },
      token,
    ),
  );
  return contacts.length;
}
