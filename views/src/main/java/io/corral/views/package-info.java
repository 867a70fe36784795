/** JavaFX views of the Corral console: observable state, view-models, views and charts. */
package io.corral.views;
