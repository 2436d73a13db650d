package io.slipway.plugins.nixpacks;

/**
 * The static site server's nginx.conf, complete in itself, so it runs the same on {@code nginx:alpine},
 * Debian's nginx or any other build: logs to the container's output, pid and temporary files under
 * /tmp, relative redirects (the app sits behind the router, which knows the public host and port).
 */
final class NginxConfig {
    /** Where the config sits in the image. */
    static final String PATH = DockerfileWriter.ASSETS + "/nginx.conf";

    private NginxConfig() {
    }

    /**
     * @param root the folder to serve, checked by {@link StaticProvider#root} (no spaces, quotes or semicolons)
     * @param spaFallback unknown paths answer index.html with status 200 rather than 404
     */
    static String write(int port, String root, boolean spaFallback) {
        return """
                # Written by Slipway's nixpacks builder: the static site server.
                daemon off;
                worker_processes auto;
                pid /tmp/nginx.pid;
                error_log stderr warn;
                events {
                    worker_connections 1024;
                }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log /dev/stdout;
                    sendfile on;
                    absolute_redirect off;
                    client_body_temp_path /tmp/nginx-client-body;
                    proxy_temp_path /tmp/nginx-proxy;
                    fastcgi_temp_path /tmp/nginx-fastcgi;
                    uwsgi_temp_path /tmp/nginx-uwsgi;
                    scgi_temp_path /tmp/nginx-scgi;
                    server {
                        listen %d;
                        root %s;
                        index index.html;
                        location / {
                            try_files $uri $uri/ %s;
                        }
                    }
                }
                """.formatted(port, root, spaFallback ? "/index.html" : "=404");
    }
}
