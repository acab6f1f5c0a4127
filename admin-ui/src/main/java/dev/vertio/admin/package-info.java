/**
 * The server side of the Socket.IO Admin UI ({@link dev.vertio.admin.AdminUi}), built on Vertio's
 * public API only.
 */
package dev.vertio.admin;
