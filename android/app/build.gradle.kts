// `app`: the Android application. Compose UI (package app.resetcompanion.app.ui) over the view
// models in :presentation; Android glue (package app.resetcompanion.app): the Application
// that opens the profile with the Keystore-wrapped key, MainActivity (edge-to-edge,
// FLAG_SECURE hook, share sheet, permission dialogs), backup rules, FileProvider.
// Needs the Android SDK + NDK (not on the Linux CI machine; see android/README.md).
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "app.resetcompanion.app"
    compileSdk = 36
    defaultConfig {
        applicationId = "app.resetcompanion"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        // The ABIs libreset_ffi.so is built for (core's cargoNdk task). Filtering here, in the
        // application, is what decides which .so files the APK carries.
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }
    // Release (review A9): R8 shrinking with the consumer rules JNA and the bindings need
    // (core/consumer-rules.pro), signed with the upload key from Gradle properties or the
    // environment (never committed): RESET_UPLOAD_STORE_FILE, _STORE_PASSWORD, _KEY_ALIAS,
    // _KEY_PASSWORD. Play App Signing re-signs for distribution; Play refuses debuggable builds.
    signingConfigs {
        create("upload") {
            val prop = { name: String -> (project.findProperty(name) as String?) ?: System.getenv(name) }
            prop("RESET_UPLOAD_STORE_FILE")?.let { storeFile = file(it) }
            storePassword = prop("RESET_UPLOAD_STORE_PASSWORD")
            keyAlias = prop("RESET_UPLOAD_KEY_ALIAS")
            keyPassword = prop("RESET_UPLOAD_KEY_PASSWORD")
        }
    }
    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
            signingConfig = signingConfigs.getByName("upload")
        }
    }
    buildFeatures { compose = true }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    packaging {
        // libreset_ffi.so is aligned for 16 KB pages at link time; keep it uncompressed so it
        // loads straight from the APK.
        jniLibs.useLegacyPackaging = false
        // JNA's aar also ships x86, armeabi, mips and mips64 libjnidispatch.so. Without our
        // library for those ABIs a device there would load JNA and then fail to find
        // libreset_ffi.so, so the APK carries neither (the Play Store then skips such devices).
        jniLibs.excludes += listOf("lib/x86/**", "lib/armeabi/**", "lib/mips/**", "lib/mips64/**")
    }
}

dependencies {
    implementation(project(":core"))
    implementation(project(":presentation"))
    implementation(project(":reminders"))

    val composeBom = platform("androidx.compose:compose-bom:2025.10.01")
    implementation(composeBom)
    implementation("androidx.compose.ui:ui")
    implementation("androidx.compose.foundation:foundation")
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.material:material-icons-core")
    implementation("androidx.activity:activity-compose:1.11.0")
    implementation("androidx.lifecycle:lifecycle-viewmodel-ktx:2.9.4")
    implementation("androidx.lifecycle:lifecycle-runtime-compose:2.9.4")
    implementation("androidx.lifecycle:lifecycle-viewmodel-compose:2.9.4")
    implementation("androidx.lifecycle:lifecycle-viewmodel-savedstate:2.9.4")
    implementation("androidx.core:core-ktx:1.17.0")
    // App lock (issue 20): BiometricPrompt needs a FragmentActivity; ProcessLifecycleOwner tells
    // the lock when the whole app goes to the background. fragment pinned to the 1.8 line (the
    // one biometric 1.1.0 would otherwise pull is 1.2.5, older than activity 1.11 expects).
    implementation("androidx.biometric:biometric:1.1.0")
    implementation("androidx.fragment:fragment-ktx:1.8.9")
    implementation("androidx.lifecycle:lifecycle-process:2.9.4")
    implementation("androidx.health.connect:connect-client:1.1.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}

// Kotlin 2.2: the kotlinOptions DSL is an error; compilerOptions replaces it.
kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }
