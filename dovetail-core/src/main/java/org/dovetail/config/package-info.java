/**
 * DataJoint's configuration, read as DataJoint-Python 0.14 reads it.
 *
 * <p>{@link org.dovetail.config.Config} is immutable and built once, either in code with
 * {@link org.dovetail.config.Config#builder()} or by {@link org.dovetail.config.ConfigLoader} from
 * {@code dj_local_conf.json} (else {@code ~/.datajoint_config.json}) and the {@code DJ_*}
 * environment variables. {@link org.dovetail.config.StoreSpec} is one entry of {@code stores},
 * validated by DataJoint's rules ({@code StoreSpec.file(...)}, {@code StoreSpec.s3(...)} in code).
 * Every problem is a {@link org.dovetail.config.ConfigException} naming the file or variable and the key.
 *
 * <pre>{@code
 * Config config = Config.load();                                   // files + environment
 * Config test = Config.builder().host("127.0.0.1").port(3306).user("root").password(pw)
 *         .store(StoreSpec.file("raw", "/data/raw")).build();
 * }</pre>
 */
package org.dovetail.config;
