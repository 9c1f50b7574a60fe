package com.example.eum.analytics.sink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;

/**
 * Starts the S3Mock server jar with its plain-HTTP connector bound to loopback only. S3Mock 4.12.4 adds that
 * connector itself ({@code new Connector()} with just a port), so {@code --server.address} reaches only the HTTPS
 * connector and no property binds the HTTP one: it would listen on every interface.
 *
 * <p>Run as {@code java -cp s3mock.jar:<this class's directory> S3MockLoopbackMain <S3Mock arguments>}. It does
 * what the jar's own launcher (Spring Boot's {@code JarLauncher}) does, but runs {@code S3MockApplication.main}
 * under a {@code SpringApplication.withHook} hook that adds a bean post-processor: once S3Mock's Tomcat factory is
 * built, its additional connectors get {@code address=127.0.0.1} (Tomcat's documented connector attribute) before
 * anything binds. The S3Mock classes live in the jar's nested libraries, so everything goes through reflection and
 * dynamic proxies; nothing here compiles against Spring or Tomcat.
 */
public final class S3MockLoopbackMain {
    static final String LOOPBACK = "127.0.0.1";

    private S3MockLoopbackMain() {}

    public static void main(String[] args) throws Exception {
        Class.forName("org.springframework.boot.loader.net.protocol.Handlers").getMethod("register").invoke(null);
        Object launcher = Class.forName("org.springframework.boot.loader.launch.JarLauncher").getConstructor().newInstance();
        Object urls = method(launcher.getClass(), "getClassPathUrls").invoke(launcher);
        ClassLoader loader = (ClassLoader) method(launcher.getClass(), "createClassLoader", Collection.class)
                .invoke(launcher, urls);
        Thread.currentThread().setContextClassLoader(loader);

        Object postProcessor = proxy(loader, "org.springframework.beans.factory.config.BeanPostProcessor", (m, a) -> {
            if (m.getName().equals("postProcessAfterInitialization")) {
                bindAdditionalConnectorsToLoopback(a[0]);
            }
            return a[0];
        });
        Object runListener = proxy(loader, "org.springframework.boot.SpringApplicationRunListener", (m, a) -> {
            if (m.getName().equals("contextPrepared")) {
                Object beanFactory = a[0].getClass().getMethod("getBeanFactory").invoke(a[0]);
                method(beanFactory.getClass(), "addBeanPostProcessor",
                        Class.forName("org.springframework.beans.factory.config.BeanPostProcessor", false, loader))
                        .invoke(beanFactory, postProcessor);
            }
            return null;
        });
        Object hook = proxy(loader, "org.springframework.boot.SpringApplicationHook", (m, a) -> runListener);

        Class<?> application = Class.forName("com.adobe.testing.s3mock.S3MockApplication", false, loader);
        Method s3MockMain = application.getMethod("main", String[].class);
        Class<?> springApplication = Class.forName("org.springframework.boot.SpringApplication", false, loader);
        Class<?> hookType = Class.forName("org.springframework.boot.SpringApplicationHook", false, loader);
        Runnable run = () -> {
            try {
                s3MockMain.invoke(null, (Object) args);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("S3Mock failed to start", e);
            }
        };
        springApplication.getMethod("withHook", hookType, Runnable.class).invoke(null, hook, run);
    }

    /** Sets {@code address} on every additional Tomcat connector of a {@code TomcatServletWebServerFactory}. */
    static void bindAdditionalConnectorsToLoopback(Object bean) throws ReflectiveOperationException {
        Method additional;
        try {
            additional = bean.getClass().getMethod("getAdditionalTomcatConnectors");
        } catch (NoSuchMethodException notTheTomcatFactory) {
            return;
        }
        for (Object connector : (List<?>) additional.invoke(bean)) {
            Object set = connector.getClass().getMethod("setProperty", String.class, String.class)
                    .invoke(connector, "address", LOOPBACK);
            if (!Boolean.TRUE.equals(set)) {
                throw new IllegalStateException("Tomcat refused address=" + LOOPBACK + " on " + connector);
            }
        }
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Exception;
    }

    /** A dynamic implementation of a Spring interface: {@code handler} answers its methods, Object's are identity. */
    private static Object proxy(ClassLoader loader, String interfaceName, Handler handler) throws ClassNotFoundException {
        Class<?> type = Class.forName(interfaceName, false, loader);
        InvocationHandler invocation = (self, m, a) -> {
            switch (m.getName()) {
                case "equals":
                    return self == a[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "toString":
                    return "S3MockLoopbackMain " + type.getSimpleName();
                default:
                    return handler.handle(m, a);
            }
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, invocation);
    }

    /** A declared or inherited method, made accessible (the launcher's are protected). */
    private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, parameters);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException next) {
                // look in the superclass
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }
}
