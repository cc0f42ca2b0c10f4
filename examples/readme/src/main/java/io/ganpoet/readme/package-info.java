/**
 * The README's recipes as files, so the build can make them as a user would.
 */
package io.ganpoet.readme;
