/**
 * Images in [-1, 1] as pictures: grids of a batch, with optional row names.
 */
package io.ganpoet.runtime.image;
