// `reminders`: the Android-only half of issue 7 — AlarmManager, receivers, notification
// channels and POST_NOTIFICATIONS. The decisions (what to arm, cancel, when, how exactly) live
// in :core's app.resetcompanion.core.reminders and are tested on the JVM by tests/kotlin;
// this module only talks to the framework. Needs the Android SDK (not on the Linux CI machine).
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.resetcompanion.reminders"
    compileSdk = 36
    defaultConfig { minSdk = 26 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

dependencies {
    implementation(project(":core"))
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}

// Kotlin 2.2: the kotlinOptions DSL is an error; compilerOptions replaces it.
kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }
