/**
 * The README's Java code, compiled: every {@code java} block of {@code README.md} appears verbatim
 * (up to indentation) in a file of this package or of its test twin, which {@code ReadmeExamplesTest}
 * checks. Edit the code here first, then paste it into the README. Examples, not an API.
 */
package com.migomail.webhooks.examples.readme;
