package com.freshscale.protocol.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Hides {@code X-HTTP-Method-Override} from Javalin. Javalin 6's {@code Context.method()} takes that header's value
 * over the request line's method, with no setting to turn it off, and routes and checks access by it: a POST carrying
 * {@code X-HTTP-Method-Override: DELETE} deleted an item. A request is what its request line says; with the header
 * hidden, such a POST is answered as any POST to that path (404/405 when there is none). Both HTTP servers use it, the
 * store console and the scale's kiosk (where a GET saying POST printed a label: a GET needs no JSON and no preflight),
 * so the one way of hiding the header lives here, next to the other transport code both share ({@code MqttLink}).
 */
public final class NoMethodOverride implements Filter {
    public static final String HEADER = "X-HTTP-Method-Override";

    private NoMethodOverride() {}

    /** Puts the filter in front of every request Javalin's servlet handles. */
    public static void install(ServletContextHandler handler) {
        FilterHolder holder = new FilterHolder(new NoMethodOverride());
        // Javalin answers asynchronously (startAsync): a filter in its chain must allow that
        holder.setAsyncSupported(true);
        handler.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getHeader(HEADER) != null) request = new Hidden(http);
        chain.doFilter(request, response);
    }

    /** The request without the override header. */
    private static final class Hidden extends HttpServletRequestWrapper {
        Hidden(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !HEADER.equalsIgnoreCase(n)).toList());
        }
    }
}
