package reportqa.server.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.RequestGuard;

/** Starts the web chat and the JSON API, indexing the corpus first if needed. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Start the server (chat page at /, JSON API under /api), indexing the corpus first if needed.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.SERVER, order = Help.SERVER_ORDER)
    ServerOptions server = new ServerOptions();

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    /**
     * What a user must know before the server listens beyond this machine: there is no access control
     * yet, so anyone who can reach the port can read the library and spend model calls.
     */
    static Optional<String> exposureWarning(String host) {
        if (RequestGuard.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("warning: listening on " + host
                + ", which other machines can reach; ReportQA has no access control yet: anyone who can reach"
                + " this port can read the library and spend model calls. Bind to 127.0.0.1 unless that is intended.");
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config = common.load(server, model);
        exposureWarning(config.host()).ifPresent(System.err::println);
        Application qa = common.openApplication(config, tuning);
        Javalin server = qa.server().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            try {
                                qa.close();
                            } catch (IOException e) {
                                System.err.println("closing the index failed: " + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "shutdown"));
        System.out.println("index: " + qa.lastUpdate().summary());
        System.out.printf("Listening on http://%s:%d%n", config.host(), server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
