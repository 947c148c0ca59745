// The order documents the benchmark's HTTPS API answers with (scenario d). Shared by the
// server (lib/servers/https-json.mjs) and the scenario, which checks what each target made
// of the answer. ≈ 560 bytes of JSON per order.

const statuses = ['open', 'paid', 'shipped'];

/** The order with this id: deterministic, so the expected result of any instance is known. */
export function orderDocument(id) {
  const items = [1, 2, 3].map((n) => ({ sku: `SKU-${(id * 31 + n) % 9973}`, title: `Article ${n} of order ${id}`, quantity: 1 + ((id + n) % 4), unitPrice: 5 + ((id * n) % 50) }));
  return {
    id,
    status: statuses[id % 3],
    customer: { id: `C-${id % 1000}`, name: `Customer ${id % 1000}`, email: `customer${id % 1000}@example.com` },
    items,
    total: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: 'EUR',
    createdAt: '2026-11-24T12:00:00.000Z',
  };
}
