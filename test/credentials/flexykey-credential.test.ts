/** The FlexyKey credential signs requests with a function (HTTP Basic), not a generic expression n8n evaluates per request. */
import { FlexyKeyApi } from '../../credentials/FlexyKeyApi.credentials';

test('authenticate is a function that adds HTTP Basic and keeps the request as it was', async () => {
	const credential = new FlexyKeyApi();
	expect(typeof credential.authenticate).toBe('function');
	const request = { url: '/Units', method: 'GET' as const, headers: { Accept: 'application/json' }, qs: { a: 1 } };
	const signed = await credential.authenticate({ username: 'demo', password: 's3cret', baseUrl: 'http://x' }, request);
	expect(signed).toEqual({ ...request, auth: { username: 'demo', password: 's3cret' } });
	expect(request).not.toHaveProperty('auth');
});
