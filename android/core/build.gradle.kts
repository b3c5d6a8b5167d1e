// The `core` library module: the idiomatic Kotlin wrapper (src/main/kotlin), the uniffi
// bindings generated at build time from the Rust library, and the native libraries built by
// cargo-ndk for each ABI. Nothing generated is committed.
import org.gradle.api.tasks.Exec
import org.gradle.api.tasks.PathSensitivity
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

val repoRoot = rootProject.projectDir.parentFile
val abis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")
val jniOut = layout.buildDirectory.dir("rustJniLibs")
val generatedKotlin = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "app.resetcompanion.core"
    compileSdk = 36
    ndkVersion = "27.2.12479018"
    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].jniLibs.srcDir(jniOut)
    sourceSets["main"].kotlin.srcDir(generatedKotlin)
    // Android-only adapters (Keystore, Health Connect): Gradle compiles them, the JVM harness does not.
    sourceSets["main"].kotlin.srcDir("src/android/kotlin")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

dependencies {
    // JNA as an AAR: it carries libjnidispatch.so for every Android ABI.
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
    implementation("androidx.health.connect:connect-client:1.1.0")
    testImplementation("org.junit.jupiter:junit-jupiter:5.14.1")
}

// cargo-ndk builds libreset_ffi.so per ABI. Its link flags (-z max-page-size=16384 for devices
// with 16 KB pages, packed relocations) are the target rustflags in ../.cargo/config.toml; a
// RUSTFLAGS variable here would replace them.
val cargoNdk by tasks.registering(Exec::class) {
    workingDir = repoRoot
    // Declared inputs and outputs: Gradle skips the task when no Rust source, manifest or lock
    // file changed, and rebuilds when the output folder was deleted.
    inputs.files(
        fileTree(repoRoot) {
            include("core/**", "bindings/**", "crates/**", "Cargo.toml", "Cargo.lock")
            exclude("**/target/**")
        },
    )
        .withPropertyName("rustSources").withPathSensitivity(PathSensitivity.RELATIVE)
    inputs.property("abis", abis)
    outputs.dir(jniOut).withPropertyName("jniLibs")
    commandLine(
        listOf("cargo", "ndk") + abis.flatMap { listOf("-t", it) } +
            listOf("-o", jniOut.get().asFile.path, "build", "--locked", "--release", "-p", "reset-ffi"),
    )
}

// Kotlin bindings come from the compiled library (uniffi library mode), never from a copy: the
// static library of the same build, because the .so leaves out uniffi's metadata
// (bindings/build.rs).
val uniffiBindings by tasks.registering(Exec::class) {
    dependsOn(cargoNdk)
    workingDir = repoRoot
    inputs.files(cargoNdk).withPropertyName("library")
    outputs.dir(generatedKotlin).withPropertyName("bindings")
    commandLine(
        "cargo", "run", "--locked", "-p", "reset-ffi", "--features", "bindgen", "--bin", "uniffi-bindgen", "--",
        "generate", "--library", File(repoRoot, "target/aarch64-linux-android/release/libreset_ffi.a").path,
        "--language", "kotlin", "--out-dir", generatedKotlin.get().asFile.path,
    )
}

tasks.named("preBuild") { dependsOn(uniffiBindings) }

// Kotlin 2.2: the kotlinOptions DSL is an error; compilerOptions replaces it.
kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }
