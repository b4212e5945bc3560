// The build failed on the refusal, naming the source file and line as javac would, and rewrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('src/main/java/com/example/Counter.java:14: cannot rewrite @Async method com.example.Counter.increment() '
        + 'at Counter.java:14: await inside a synchronized block') : 'no error with the file and line of the await'
assert log.contains('awaitj-maven-plugin')
assert !new File(basedir, 'target/classes/com/example/Counter$increment$Coroutine.class').exists()
return true
