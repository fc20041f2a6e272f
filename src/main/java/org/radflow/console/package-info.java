/**
 * The operator console: server-rendered pages under {@code /console} (Spring MVC + Thymeleaf, htmx
 * for the parts that update themselves). An adapter like the HTTP API: it reads through the
 * features' read seams and acts through {@link org.radflow.api.OperatorActions}, the same door the
 * API's operator endpoints use, so a refusal reads the same in both. Each handler says its role
 * with {@link org.radflow.api.Allowed}; pages hide the buttons a role may not use, and the handler
 * refuses them anyway.
 */
package org.radflow.console;
