import { faker } from '@faker-js/faker';

export interface DemoLogin {
  email: string;
  password: string;
}

const CONTACTS = 120;

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Creates the demo workspace through the public API (so events, warehouse and workflow
 * see it like any other data): one owner and realistic contacts from a seeded faker.
 */
export async function seedDemo(origin: string, login: DemoLogin): Promise<number> {
  faker.seed(20261122);
  const { accessToken } = await post<{ accessToken: string }>(`${origin}/api/v1/auth/signup`, {
    email: login.email,
    password: login.password,
    name: 'Dana Demo',
    workspaceName: 'Acme Demo (sample data)',
  });
  const companies = Array.from({ length: 25 }, () => faker.company.name());
  const contacts = Array.from({ length: CONTACTS }, () => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const companyName = faker.helpers.arrayElement(companies);
    const domain =
      companyName
        .toLowerCase()
        .replace(/[^a-z]+/g, '')
        .slice(0, 20) || 'example';
    return {
      firstName,
      lastName,
      email: faker.internet.email({ firstName, lastName, provider: `${domain}.example` }).toLowerCase(),
      phone: `+1${faker.helpers.arrayElement(['212', '415', '512', '617', '303'])}555${faker.string.numeric(4)}`,
      companyName,
    };
  });
  for (let i = 0; i < contacts.length; i += 8) {
    await Promise.all(contacts.slice(i, i + 8).map((c) => post(`${origin}/api/v1/contacts`, c, accessToken)));
  }
  return contacts.length;
}
