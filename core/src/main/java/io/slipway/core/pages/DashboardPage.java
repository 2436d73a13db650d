package io.slipway.core.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /}: placeholder until the dashboard template lands. */
@Path("/")
public final class DashboardPage {
    @GET
    @Produces(MediaType.TEXT_HTML)
    public String dashboard() {
        return "<!doctype html><title>Slipway</title><h1>Slipway</h1>";
    }
}
