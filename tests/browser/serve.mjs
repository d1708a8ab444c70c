// A tiny static file server for the browser tests: serves one published
// site folder on 127.0.0.1 (port chosen by the system), as a plain web
// server would: a folder is answered by its index.html, a missing path by
// 404.html with status 404. Nothing else: no reload script, no caching.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.jsonld': 'application/ld+json; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
};

// The file a URL path names inside root, or null (outside root, missing).
export async function resolveFile(root, urlPath) {
	let p;
	try {
		p = decodeURIComponent(urlPath.split(/[?#]/)[0]);
	} catch {
		return null;
	}
	const file = normalize(join(root, p));
	if (file !== normalize(root) && !file.startsWith(normalize(root + sep)))
		return null;
	try {
		const s = await stat(file);
		if (s.isFile())
			return file;
		if (s.isDirectory()) {
			const index = join(file, 'index.html');
			if ((await stat(index)).isFile())
				return index;
		}
	} catch {
		// missing
	}
	return null;
}

// Start serving root; resolves to { url, close() }.
export function serve(root) {
	const server = createServer(async (req, res) => {
		const file = await resolveFile(root, new URL(req.url, 'http://x').pathname);
		let status = 200, body, type;
		if (file) {
			body = await readFile(file);
			type = TYPES[extname(file)] || 'application/octet-stream';
		} else {
			status = 404;
			type = TYPES['.html'];
			body = await readFile(join(root, '404.html')).catch(() => 'not found');
		}
		res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
		res.end(req.method === 'HEAD' ? undefined : body);
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/`,
				close: () => new Promise(r => server.close(r)),
			});
		});
	});
}
