// The tests passed with the classes rewritten at build time, and the program runs with a plain class path.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the tests did not all pass'
// five seconds of sleep on the test loop's virtual clock take less real time than the sleep itself
def sleep = (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ([0-9.]+) s -- in com.example.SleepTest/)
assert sleep.find() : 'SleepTest did not run'
assert Double.parseDouble(sleep.group(1)) < 5.0 : "SleepTest took ${sleep.group(1)} s of real time"
assert !log.contains('-javaagent')

def classes = new File(basedir, 'target/classes/com/example')
assert new File(classes, 'Fetcher$fetchAll$Coroutine.class').isFile()
assert new File(classes, 'Fetcher$fetch$Coroutine.class').isFile()
assert new File(basedir, 'target/test-classes/com/example/FetcherTest$twice$Coroutine.class').isFile()

// the first build rewrote both folders, the second none
assert (log =~ /awaitj: rewrote 1 class of .*target.classes \(2 frame classes\)/).count == 1
assert (log =~ /awaitj: rewrote 2 classes of .*target.test-classes \(2 frame classes\)/).count == 1

// java -cp target/classes:awaitj-runtime.jar:awaitj-annotations.jar com.example.Fetcher: no agent
def jar = { String a -> new File(localRepositoryPath, "org/awaitj/${a}/${awaitjVersion}/${a}-${awaitjVersion}.jar") }
def cp = [new File(basedir, 'target/classes'), jar('awaitj-runtime'), jar('awaitj-annotations')].join(File.pathSeparator)
def java = new File(System.getProperty('java.home'), 'bin/java').path
def p = [java, '-cp', cp, 'com.example.Fetcher'].execute()
def out = new StringBuilder(), err = new StringBuilder()
p.waitForProcessOutput(out, err)
assert p.exitValue() == 0 : err.toString()
assert out.toString().trim() == '[users fetched, orders fetched, stock fetched] finished in the order [stock, orders, users]'
return true
