package reportqa.server.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;

/** Starts the web chat and the JSON API, indexing the corpus first if needed. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the server (chat page at /, JSON API under /api), indexing the corpus first if needed.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions settings;

    @Mixin
    LibraryOptions library;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = settings.load();
        Application qa = library.openApplication(config);
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
