import { DeliveryCircuit } from './delivery-circuit.js';

describe('delivery circuit breaker', () => {
  let now = 0;
  const circuit = () => new DeliveryCircuit(3, 1000, 8000, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('stays closed below the threshold and lets the whole batch through', () => {
    const c = circuit();
    c.recordProviderFault();
    c.recordProviderFault();
    expect(c.state).toBe('closed');
    expect(c.allowance(5)).toBe(5);
  });

  it('opens at the threshold: nothing is sent until the pause is over, then exactly one probe', () => {
    const c = circuit();
    for (let i = 0; i < 3; i++) c.recordProviderFault();
    expect(c.state).toBe('open');
    expect(c.allowance(5)).toBe(0);
    expect(c.msUntilProbe()).toBeGreaterThanOrEqual(800);
    expect(c.msUntilProbe()).toBeLessThanOrEqual(1200);
    c.recordProviderFault(); // a send that was already in flight does not extend the pause
    expect(c.msUntilProbe()).toBeLessThanOrEqual(1200);
    now += 1200;
    expect(c.state).toBe('half-open');
    expect(c.allowance(5)).toBe(1);
  });

  it('re-opens for longer after a failed probe, and closes after a successful one', () => {
    const c = circuit();
    for (let i = 0; i < 3; i++) c.recordProviderFault();
    now += 1200;
    c.recordProviderFault();
    expect(c.state).toBe('open');
    expect(c.msUntilProbe()).toBeGreaterThanOrEqual(1600);
    now += 2400;
    expect(c.allowance(5)).toBe(1);
    c.recordProviderOk();
    expect(c.state).toBe('closed');
    expect(c.allowance(5)).toBe(5);
  });

  it('caps the pause', () => {
    const c = circuit();
    for (let i = 0; i < 3; i++) c.recordProviderFault();
    for (let i = 0; i < 10; i++) {
      now += 20_000;
      c.recordProviderFault();
    }
    expect(c.msUntilProbe()).toBeLessThanOrEqual(8000 * 1.2);
  });
});
