package dev.papergraph.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.NeoBootstrapper;
import picocli.CommandLine;

/**
 * Starts Neo4j Community in this JVM the way {@code neo4j console} would (Bolt, HTTP, Neo4j Browser),
 * with everything PaperGraph needs set explicitly, and prints one ready line on stdout.
 *
 * <p>Contract with the Node side ({@code src/runtime/local-neo4j.ts}):
 *
 * <ul>
 *   <li>stdout carries exactly one line, {@code PAPERGRAPH_NEO4J_READY bolt=bolt://host:port
 *       http=http://host:port}, once Bolt, HTTP and the default database accept work.
 *   <li>stderr carries one line starting with {@code papergraph-neo4j:} when start-up fails; the exit
 *       code is then non-zero (see {@link Exit}). Neo4j's own logs go to {@code <data-dir>/logs}.
 *   <li>SIGTERM/SIGINT stop the DBMS cleanly (Neo4j's bootstrapper installs the shutdown hook) and the
 *       process exits 0. Unless {@code --detached} is given, end of stdin does the same, so the server
 *       never outlives the process that spawned it.
 * </ul>
 *
 * <p>Heap is a JVM flag ({@code -Xmx}), chosen by whoever starts the JVM. Every other option is a
 * flag {@code --name value} (or {@code --name=value}) or a system property {@code
 * -Dpapergraph.neo4j.name=value}; flags win. The password may also come from the environment
 * variable {@code PAPERGRAPH_NEO4J_PASSWORD}, which keeps it out of the process list.
 */
public final class Neo4jLauncher {
    static final String READY_PREFIX = "PAPERGRAPH_NEO4J_READY";
    private static final String ERROR_PREFIX = "papergraph-neo4j: ";
    private static final String PASSWORD_ENV = "PAPERGRAPH_NEO4J_PASSWORD";
    private static final String PROPERTY_PREFIX = "papergraph.neo4j.";
    /** Neo4j refuses shorter passwords (dbms.security.auth_minimum_password_length). */
    private static final int MIN_PASSWORD_LENGTH = 8;

    private static final Pattern BYTE_SIZE = Pattern.compile("\\d+[kKmMgG]?");

    /** Exit codes from sysexits.h, so callers can tell a bad flag from a busy port. */
    enum Exit {
        USAGE(64),
        UNAVAILABLE(69),
        SOFTWARE(70),
        CANT_CREATE(73),
        TEMP_FAIL(75);

        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    /** A start-up failure with the single line the user sees. */
    static final class LaunchException extends Exception {
        final Exit exit;

        LaunchException(Exit exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    record Options(
            Path dataDir,
            String listenAddress,
            int boltPort,
            int httpPort,
            String password,
            String pageCache,
            String txMemoryMax,
            String txMemoryTotalMax,
            String browserPostConnectCmd,
            String browserAllowlist,
            boolean detached) {}

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        // Neo4j and its libraries write to System.out/err in places; the ready line and the error
        // line must be the only things the parent ever reads, so keep the real streams for them.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            Options options = parse(args);
            run(options, stdout);
        } catch (LaunchException e) {
            stderr.println(ERROR_PREFIX + e.getMessage());
            stderr.flush();
            System.exit(e.exit.code);
        } catch (RuntimeException e) {
            stderr.println(ERROR_PREFIX + "unexpected failure: " + e);
            stderr.flush();
            System.exit(Exit.SOFTWARE.code);
        }
    }

    private static void run(Options options, PrintStream stdout) throws LaunchException {
        Path home = options.dataDir();
        prepareDataDir(home);
        ensureStoreNotLocked(home);
        ensurePortFree("bolt", options.listenAddress(), options.boltPort());
        ensurePortFree("http", options.listenAddress(), options.httpPort());

        Path logs = home.resolve("logs");
        Path userLogConfig = home.resolve("conf").resolve("user-logs.xml");
        writeFile(userLogConfig, USER_LOGS_XML);
        redirectConsoleTo(logs.resolve("console.log"));

        if (!options.detached()) {
            // Watch from before the start, so a parent that dies mid-start doesn't leave a server.
            exitWhenStdinCloses();
        }
        boolean freshStore = !Files.exists(home.resolve("data").resolve("databases").resolve("system"));
        if (freshStore) {
            setInitialPassword(home, options.password());
        }
        NeoBootstrapper bootstrapper = new CommunityBootstrapper();
        int rc = bootstrapper.start(home, null, settings(options, userLogConfig), false, false);
        if (rc != NeoBootstrapper.OK) {
            throw new LaunchException(Exit.SOFTWARE, describeStartFailure(rc, options, logs));
        }

        DatabaseManagementService dbms = bootstrapper.getDatabaseManagementService();
        GraphDatabaseService defaultDb = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!defaultDb.isAvailable(120_000)) {
            throw new LaunchException(
                    Exit.SOFTWARE,
                    "database '" + defaultDb.databaseName() + "' did not become available within 120 s; see "
                            + logs.resolve("neo4j.log"));
        }
        if (!freshStore) {
            ensurePassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), options);
        }

        stdout.println(READY_PREFIX + " bolt=bolt://" + options.listenAddress() + ":" + options.boltPort() + " http=http://"
                + options.listenAddress() + ":" + options.httpPort());
        stdout.flush();

        // Neo4j's threads keep the JVM alive; this thread just has nothing left to do.
        awaitForever();
    }

    static Map<String, String> settings(Options options, Path userLogConfig) {
        String address = options.listenAddress();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("server.default_listen_address", address);
        s.put("server.default_advertised_address", address);
        s.put("server.bolt.enabled", "true");
        s.put("server.bolt.listen_address", address + ":" + options.boltPort());
        s.put("server.bolt.advertised_address", address + ":" + options.boltPort());
        s.put("server.bolt.tls_level", "DISABLED");
        s.put("server.http.enabled", "true");
        s.put("server.http.listen_address", address + ":" + options.httpPort());
        s.put("server.http.advertised_address", address + ":" + options.httpPort());
        s.put("server.https.enabled", "false");
        s.put("dbms.security.auth_enabled", "true");
        // Neo4j answers cross-origin HTTP requests from any page by default ("*"): a page on any
        // site could then drive the HTTP API with a password it guessed. Only Browser's own
        // origin (served by this server) may.
        s.put("dbms.security.http_access_control_allow_origin", "http://" + address + ":" + options.httpPort());
        // Netty waits a 5 s quiet period per Bolt connector on shutdown, after the databases are
        // already checkpointed and closed; skipping it makes stop take ~1 s instead of ~11 s.
        // An internal setting: re-check it when moving off 5.26 (strict validation will tell).
        s.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");

        s.put("server.memory.pagecache.size", options.pageCache());
        // Batch writes (UNWIND of a few thousand rows) need room, but one runaway transaction should
        // fail with a MemoryLimitExceeded error instead of taking the whole JVM down.
        s.put("db.memory.transaction.max", options.txMemoryMax());
        s.put("dbms.memory.transaction.total.max", options.txMemoryTotalMax());

        // Logs to files under <data-dir>/logs, never to the console.
        s.put("server.logs.user.config", userLogConfig.toString());

        // Nothing phones home: no usage reports from the server, no telemetry from Browser (it reads
        // client.allow_telemetry at connect). browser.allow_outgoing_connections is not a 5.26
        // Community setting (strict validation rejects it).
        s.put("dbms.usage_report.enabled", "false");
        s.put("client.allow_telemetry", "false");

        // Neo4j Browser reads these at login (dbms.clientConfig()): the commands it runs after
        // connecting (';'-separated, e.g. the PaperGraph style and guide) and the host names it may
        // fetch guides and styles from (host names only, no ports). Unset: the Browser's defaults.
        if (!options.browserPostConnectCmd().isEmpty()) {
            s.put("browser.post_connect_cmd", options.browserPostConnectCmd());
        }
        if (!options.browserAllowlist().isEmpty()) {
            s.put("browser.remote_content_hostname_whitelist", options.browserAllowlist());
        }
        return s;
    }

    /**
     * A fresh store gets its neo4j user from data/dbms/auth.ini when the system database is
     * created; this is {@code neo4j-admin dbms set-initial-password}, run in-process. The user
     * exists with our password and no forced change before Bolt ever opens, and nothing has to run
     * Cypher (the first ALTER USER costs 4-6 s of Cypher warm-up on every throwaway test store).
     */
    private static void setInitialPassword(Path home, String password) throws LaunchException {
        StringWriter errors = new StringWriter();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ExecutionContext context =
                new ExecutionContext(home, home.resolve("conf"), discard, discard, new DefaultFileSystemAbstraction());
        int rc = new CommandLine(new SetInitialPasswordCommand(context))
                .setOut(new PrintWriter(Writer.nullWriter()))
                .setErr(new PrintWriter(errors))
                .execute(password);
        if (rc != 0) {
            throw new LaunchException(
                    Exit.SOFTWARE, "could not set the initial password: " + errors.toString().strip().replace('\n', ' '));
        }
    }

    /**
     * For an existing store, makes the configured password the one that works: it may have been
     * created with another one. Keeping the configuration the single source of truth means changing
     * NEO4J_PASSWORD just works and no login ever asks for a change. The check is a real login over
     * HTTP (about 1 s), so the ready line only comes once the caller's credentials work.
     */
    private static void ensurePassword(GraphDatabaseService system, Options options) throws LaunchException {
        if (canLogIn(options)) {
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", options.password()));
        } catch (QueryExecutionException e) {
            throw new LaunchException(
                    Exit.SOFTWARE, "could not set the password of user neo4j: " + e.getStatusCode() + " " + e.getMessage());
        }
        if (!canLogIn(options)) {
            throw new LaunchException(Exit.SOFTWARE, "user neo4j still cannot log in after setting the password");
        }
    }

    /** Commits an empty transaction on the system database as neo4j over the HTTP API. */
    private static boolean canLogIn(Options options) throws LaunchException {
        String basic = Base64.getEncoder()
                .encodeToString(("neo4j:" + options.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + options.listenAddress() + ":"
                        + options.httpPort() + "/db/" + GraphDatabaseSettings.SYSTEM_DATABASE_NAME + "/tx/commit"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statements\":[]}"))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            // 401 for a wrong password; 200 with an error (e.g. CredentialsExpired) counts as no.
            return response.statusCode() == 200 && response.body().contains("\"errors\":[]");
        } catch (IOException e) {
            throw new LaunchException(Exit.SOFTWARE, "could not reach Neo4j's HTTP server to check the password: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(Exit.SOFTWARE, "interrupted while checking the password");
        }
    }

    private static String describeStartFailure(int rc, Options options, Path logs) {
        String see = "; see " + logs.resolve("neo4j.log") + " and " + logs.resolve("console.log");
        return switch (rc) {
            case NeoBootstrapper.GRAPH_DATABASE_STARTUP_ERROR_CODE -> "could not open the database in "
                    + options.dataDir() + " (is another Neo4j using this data directory?)" + see;
            case NeoBootstrapper.INVALID_CONFIGURATION_ERROR_CODE -> "Neo4j rejected the configuration (for example"
                    + " page cache plus heap larger than physical memory)" + see;
            default -> "Neo4j failed to start (bootstrapper exit code " + rc + ")" + see;
        };
    }

    private static void prepareDataDir(Path home) throws LaunchException {
        try {
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("conf"));
            Path probe = Files.createTempFile(home, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LaunchException(
                    Exit.CANT_CREATE,
                    "cannot create or write the data directory " + home + " (" + e + "); choose a writable data directory");
        }
    }

    /**
     * Neo4j holds an OS file lock on data/databases/store_lock while it runs; it reports a clash
     * only as a stack trace in its log. OS locks are per process, so probing it here is harmless.
     */
    private static void ensureStoreNotLocked(Path home) throws LaunchException {
        Path lockFile = home.resolve("data").resolve("databases").resolve("store_lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return;
            }
        } catch (IOException | OverlappingFileLockException e) {
            throw new LaunchException(Exit.CANT_CREATE, "cannot check the store lock " + lockFile + " (" + e + ")");
        }
        String pid = readPid(home.resolve("run").resolve("neo4j.pid"));
        throw new LaunchException(
                Exit.TEMP_FAIL,
                "another Neo4j" + (pid.isEmpty() ? "" : " (pid " + pid + ")") + " is using the data directory " + home
                        + "; stop it or choose another data directory");
    }

    private static String readPid(Path pidFile) {
        try {
            return Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Neo4j reports a busy port only in its log, as a stack trace; check first to say it in one line. */
    private static void ensurePortFree(String name, String address, int port) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (UnknownHostException e) {
            throw new LaunchException(Exit.USAGE, "--listen-address " + address + " is not a known host or IP address");
        } catch (IOException e) {
            throw new LaunchException(
                    Exit.UNAVAILABLE,
                    name + " port " + port + " on " + address + " is not available (" + e.getMessage()
                            + "); stop what uses it or choose another " + name + " port");
        }
    }

    private static void writeFile(Path file, String content) throws LaunchException {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException(Exit.CANT_CREATE, "cannot write " + file + " (" + e + ")");
        }
    }

    private static void redirectConsoleTo(Path file) throws LaunchException {
        try {
            PrintStream console = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
            System.setOut(console);
            System.setErr(console);
        } catch (IOException e) {
            throw new LaunchException(Exit.CANT_CREATE, "cannot write " + file + " (" + e + ")");
        }
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(
                () -> {
                    InputStream in = System.in;
                    byte[] buffer = new byte[256];
                    try {
                        while (in.read(buffer) != -1) {
                            // input is ignored; only its end matters
                        }
                    } catch (IOException ignored) {
                        // a broken stdin means the parent is gone, same as EOF
                    }
                    System.exit(0); // runs Neo4j's shutdown hook
                },
                "papergraph-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- option parsing ----------------------------------------------------------------------

    static Options parse(String[] args) throws LaunchException {
        Map<String, String> flags = new LinkedHashMap<>();
        boolean detached = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new LaunchException(Exit.USAGE, "unexpected argument '" + arg + "'; " + USAGE);
            }
            String name = arg.substring(2);
            if (name.equals("detached")) {
                detached = true;
                continue;
            }
            int eq = name.indexOf('=');
            String value = eq >= 0 ? name.substring(eq + 1) : null;
            name = eq >= 0 ? name.substring(0, eq) : name;
            if (!KNOWN_FLAGS.containsKey(name)) {
                throw new LaunchException(Exit.USAGE, "unknown option --" + name + "; " + USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new LaunchException(Exit.USAGE, "--" + name + " needs a value; " + USAGE);
                }
                value = args[++i];
            }
            flags.put(name, value);
        }
        detached = detached || Boolean.parseBoolean(System.getProperty(PROPERTY_PREFIX + "detached", "false"));

        Path dataDir = Paths.get(option(flags, "data-dir")).toAbsolutePath().normalize();
        String listenAddress = option(flags, "listen-address");
        int boltPort = port(flags, "bolt-port");
        int httpPort = port(flags, "http-port");
        if (boltPort == httpPort) {
            throw new LaunchException(Exit.USAGE, "--bolt-port and --http-port are both " + boltPort + "; pick two ports");
        }
        String password = option(flags, "password");
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new LaunchException(
                    Exit.USAGE, "--password must have at least " + MIN_PASSWORD_LENGTH + " characters (Neo4j's minimum)");
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        return new Options(
                dataDir,
                listenAddress,
                boltPort,
                httpPort,
                password,
                byteSize(flags, "pagecache", "512m"),
                byteSize(flags, "tx-memory-max", mebibytes(maxHeap / 2)),
                byteSize(flags, "tx-memory-total-max", mebibytes(maxHeap * 7 / 10)),
                option(flags, "browser-post-connect-cmd").strip(),
                option(flags, "browser-allowlist").strip(),
                detached);
    }

    private static final String USAGE = "usage: java -Xmx<heap> -cp <classpath> " + Neo4jLauncher.class.getName()
            + " [--data-dir var/neo4j] [--listen-address 127.0.0.1] [--bolt-port 7687] [--http-port 7474]"
            + " [--password <at least 8 chars>] [--pagecache 512m] [--tx-memory-max <size>]"
            + " [--tx-memory-total-max <size>] [--browser-post-connect-cmd '<cmd>; <cmd>']"
            + " [--browser-allowlist <host,host>] [--detached]";

    private static final Map<String, String> KNOWN_FLAGS = Map.of(
            "data-dir", "var/neo4j",
            "listen-address", "127.0.0.1",
            "bolt-port", "7687",
            "http-port", "7474",
            "password", "papergraph",
            "pagecache", "",
            "tx-memory-max", "",
            "tx-memory-total-max", "",
            "browser-post-connect-cmd", "",
            "browser-allowlist", "");

    private static String option(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            value = System.getProperty(PROPERTY_PREFIX + name);
        }
        if (value == null && name.equals("password")) {
            value = System.getenv(PASSWORD_ENV);
        }
        return value != null ? value : KNOWN_FLAGS.get(name);
    }

    private static int port(Map<String, String> flags, String name) throws LaunchException {
        String value = option(flags, name);
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LaunchException(Exit.USAGE, "--" + name + " must be a port number from 1 to 65535, got '" + value + "'");
    }

    private static String byteSize(Map<String, String> flags, String name, String fallback) throws LaunchException {
        String value = option(flags, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (!BYTE_SIZE.matcher(value).matches()) {
            throw new LaunchException(
                    Exit.USAGE, "--" + name + " must be a size like 512m or 2g, got '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String mebibytes(long bytes) {
        return Math.max(1, bytes / (1024 * 1024)) + "m";
    }

    /** The neo4j.log appender of the distribution's user-logs.xml, minus its console appender. */
    private static final String USER_LOGS_XML =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by the PaperGraph launcher on every start; edits are overwritten. -->
            <Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
                <Appenders>
                    <RollingRandomAccessFile name="Neo4jLog" fileName="${config:server.directories.logs}/neo4j.log"
                                             filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
                        <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
                        <Policies>
                            <SizeBasedTriggeringPolicy size="20 MB"/>
                        </Policies>
                        <DefaultRolloverStrategy fileIndex="min" max="7"/>
                    </RollingRandomAccessFile>
                </Appenders>
                <Loggers>
                    <Root level="INFO">
                        <AppenderRef ref="Neo4jLog"/>
                    </Root>
                </Loggers>
            </Configuration>
            """;
}
