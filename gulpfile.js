// Copies the SVG icons next to the compiled nodes and credentials in dist/, where n8n resolves
// `file:` icon paths relative to the compiled .js file, and the output schemas (`npm run schemas`) to
// dist/nodes/<Service>/__schema__/, where n8n looks for them beside the compiled node.
const { src, dest, parallel } = require('gulp');

function nodeIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png'], { encoding: false }).pipe(dest('dist/nodes'));
}

function nodeSchemas() {
	return src(['nodes/**/__schema__/**/*.json']).pipe(dest('dist/nodes'));
}

function credentialIcons() {
	return src(['credentials/**/*.svg'], { encoding: false }).pipe(dest('dist/credentials'));
}

function sharedIcons() {
	return src(['icons/**/*.svg'], { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = parallel(nodeIcons, nodeSchemas, credentialIcons, sharedIcons);
