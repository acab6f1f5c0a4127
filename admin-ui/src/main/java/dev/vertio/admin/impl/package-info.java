/**
 * Implementation of the Admin UI server side: the admin namespace, server stats, socket events. Not
 * API.
 */
package dev.vertio.admin.impl;
