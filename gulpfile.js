// Copies the SVG icons next to the compiled nodes and credentials in dist/, where n8n resolves
// `file:` icon paths relative to the compiled .js file.
const { src, dest, parallel } = require('gulp');

function nodeIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png'], { encoding: false }).pipe(dest('dist/nodes'));
}

function credentialIcons() {
	return src(['credentials/**/*.svg'], { encoding: false }).pipe(dest('dist/credentials'));
}

function sharedIcons() {
	return src(['icons/**/*.svg'], { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = parallel(nodeIcons, credentialIcons, sharedIcons);
